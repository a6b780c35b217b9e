/** Content views, publishing them into versions that pin repository versions, and promoting versions along lifecycle paths. */
package io.ferry.contentview;
